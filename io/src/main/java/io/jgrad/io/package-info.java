/** Checkpoints: safetensors, PyTorch {@code torch.save} state_dicts, and atomic training checkpoints. */
package io.jgrad.io;
