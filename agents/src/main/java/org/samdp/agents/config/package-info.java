/**
 * Configuration as immutable records holding the papers' defaults, read from YAML with unknown keys and wrong types
 * rejected by name, and overridden from the command line with {@code key.path=value}
 * ({@link org.samdp.agents.config.ConfigLoader}).
 */
package org.samdp.agents.config;
