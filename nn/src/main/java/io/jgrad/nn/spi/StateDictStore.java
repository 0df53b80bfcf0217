package io.jgrad.nn.spi;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes state dicts as files, for {@link io.jgrad.nn.Module#save} and
 * {@link io.jgrad.nn.Module#load}. nn defines only this seam; the io module provides the
 * implementation (safetensors and PyTorch files) through {@link java.util.ServiceLoader}.
 */
public interface StateDictStore {
    /** Writes the tensors to {@code path}; the write is atomic (the old file survives a failure). */
    void save(Map<String, Tensor> stateDict, Path path) throws IOException;

    /** Reads a state dict, validating the file before any tensor is built. */
    Map<String, Tensor> load(Path path) throws IOException;
}
