/**
 * Feed-forward networks as plain layer lists over DJL arrays: the one network type that training code and the bound
 * engine share, so that bounds are differentiable with respect to the very parameter arrays an optimiser updates.
 */
package org.samdp.bounds.network;
