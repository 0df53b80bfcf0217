package io.jgrad.io;

import io.jgrad.core.Tensor;
import io.jgrad.nn.spi.StateDictStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The file store behind {@code Module.save}/{@code Module.load}: PyTorch's {@code torch.save}
 * format for {@code .pt}, {@code .pth} and {@code .bin} names, safetensors for everything else.
 * Loading detects the format from the file's first bytes, not its name.
 */
public final class StateDictFiles implements StateDictStore {

    @Override
    public void save(Map<String, Tensor> stateDict, Path path) throws IOException {
        if (isTorchName(path)) TorchCheckpoint.save(path, stateDict);
        else SafeTensors.save(path, stateDict);
    }

    @Override
    public Map<String, Tensor> load(Path path) throws IOException {
        return isZip(path) ? TorchCheckpoint.load(path) : SafeTensors.load(path);
    }

    private static boolean isTorchName(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".bin");
    }

    /** torch.save files are zip archives ("PK\3\4"); safetensors files start with a header length. */
    private static boolean isZip(Path path) throws IOException {
        try (var in = java.nio.file.Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }
}
