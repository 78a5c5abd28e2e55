/** The algorithm registry: every algorithm samdp trains, its family, config, trainer and what its runs hold. */
package org.samdp.agents.algo;
