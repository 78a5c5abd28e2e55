package org.samdp.experiments.torch;

/**
 * A class or function a pickle names that the reader does not know, such as {@code torch.FloatStorage} in a storage's
 * persistent id; calling it makes a {@link PyObject}.
 *
 * @param module the defining module
 * @param name the class or function name
 */
public record PyGlobal(String module, String name) {}
