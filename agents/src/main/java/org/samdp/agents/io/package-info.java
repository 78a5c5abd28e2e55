/**
 * Persistence: files written atomically (temporary name, then a move), named-array files for weights and optimiser
 * moments, and the JSON mapper the agents use.
 */
package org.samdp.agents.io;
