package io.jgrad.examples.fashion;

import io.jgrad.core.Tensor;
import io.jgrad.io.CheckpointFormatException;
import io.jgrad.io.StateDictFiles;
import io.jgrad.io.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a model's state_dict from a file of any kind the examples meet: a jgrad training
 * checkpoint (its model part), a safetensors file or a PyTorch {@code torch.save(model.state_dict())}
 * file (told apart by content, not by name).
 */
public final class Weights {
    private Weights() {}

    /** The state_dict in {@code file}. */
    public static Map<String, Tensor> load(Path file) throws IOException {
        try {
            return TrainingCheckpoint.load(file).modelState();
        } catch (CheckpointFormatException notATrainingCheckpoint) {
            // any other file: the state_dict store reads both safetensors and torch.save files, and
            // reports a bad file in its own terms
            return new StateDictFiles().load(file);
        }
    }
}
