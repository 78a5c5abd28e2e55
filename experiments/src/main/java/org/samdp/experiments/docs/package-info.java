/**
 * Generated documentation: the configuration reference page, built from the config records by reflection and from
 * their javadoc in the repository's sources.
 */
package org.samdp.experiments.docs;
