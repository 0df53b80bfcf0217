package io.jgrad.data.readers;

/**
 * A data file whose content is wrong: a bad magic number, truncated data, a non-numeric cell,
 * counts that disagree. The message starts with the file's name and says what is wrong.
 */
public final class MalformedDataException extends IllegalArgumentException {
    private final String source;

    /** {@code problem} found in {@code source} (a file name or resource path). */
    public MalformedDataException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /** As {@link #MalformedDataException(String, String)}, with the lower-level error that revealed it. */
    public MalformedDataException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file or resource that is malformed. */
    public String source() {
        return source;
    }
}
