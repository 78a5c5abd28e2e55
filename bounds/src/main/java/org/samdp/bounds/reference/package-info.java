/**
 * The reference-case format of {@code shared/reference/bounds} (networks, input sets and auto_LiRPA's bounds), a
 * JSON writer for computed bounds, and the bound engine's benchmark: the library side of {@code samdp bounds compute}
 * and {@code samdp bench bounds}.
 */
package org.samdp.bounds.reference;
