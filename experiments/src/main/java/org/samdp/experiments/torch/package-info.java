/**
 * PyTorch checkpoints read in plain Java, without Python: {@link org.samdp.experiments.torch.TorchCheckpoint} reads
 * {@code torch.save}'s zip format and its legacy format through a small pickle machine
 * ({@link org.samdp.experiments.torch.Unpickler}) that rebuilds tensors ({@link org.samdp.experiments.torch.Tensor}),
 * numpy arrays and scalars, and keeps every class it does not know as an opaque
 * {@link org.samdp.experiments.torch.PyObject}.
 */
package org.samdp.experiments.torch;
