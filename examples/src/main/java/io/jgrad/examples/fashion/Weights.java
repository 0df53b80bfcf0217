package io.jgrad.examples.fashion;

import io.jgrad.core.Tensor;
import io.jgrad.examples.training.TrainingCheckpoint;
import io.jgrad.io.SafeTensors;
import io.jgrad.io.TensorFile;
import io.jgrad.io.TorchCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a model's state_dict from a file of any kind the examples meet: a PyTorch
 * {@code torch.save(model.state_dict())} file, a safetensors file, or a jgrad training
 * checkpoint (its model part). The kind is told by the content, not the file name: a
 * {@code torch.save} file is a zip archive, which starts with "PK".
 */
public final class Weights {
    private Weights() {}

    /** The state_dict in {@code file}. */
    public static Map<String, Tensor> load(Path file) throws IOException {
        if (isZip(file)) return TorchCheckpoint.load(file);
        TensorFile contents = SafeTensors.read(file);
        return TrainingCheckpoint.isCheckpoint(contents) ? TrainingCheckpoint.modelState(contents) : contents.tensors();
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        }
    }
}
