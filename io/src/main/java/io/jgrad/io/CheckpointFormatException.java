package io.jgrad.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file is malformed, truncated, unsafe or uses a feature jgrad does not support.
 *
 * <p>Every loader in this package reports a bad file with this exception and nothing else: its
 * message names the file, the entry (tensor, zip entry or pickle) and what is wrong, e.g.
 * {@code model.safetensors: entry 'fc.weight': data_offsets [0, 12] hold 12 bytes but F32 [2, 2]
 * needs 16}. A load that throws returns nothing: there are no partial loads.
 */
public class CheckpointFormatException extends IOException {
    private final transient Path file; // Path is not serializable; the message keeps the name
    private final String entry;

    /** A problem with one entry of {@code file}; {@code entry} may be null for the file as a whole. */
    public CheckpointFormatException(Path file, String entry, String problem) {
        super(file + ": " + (entry == null ? "" : "entry '" + entry + "': ") + problem);
        this.file = file;
        this.entry = entry;
    }

    /** A problem with the file as a whole. */
    public CheckpointFormatException(Path file, String problem) {
        this(file, null, problem);
    }

    /** The offending file. */
    public Path file() {
        return file;
    }

    /** The offending entry (tensor name, zip entry or pickle), or null if the file as a whole is bad. */
    public String entry() {
        return entry;
    }
}
