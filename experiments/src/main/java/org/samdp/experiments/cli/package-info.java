/** picocli commands of the {@code samdp} front door, one class per command group. */
package org.samdp.experiments.cli;
