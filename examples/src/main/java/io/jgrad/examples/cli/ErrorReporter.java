package io.jgrad.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one clear line on stderr and exit code 1. Bad input (unreadable or
 * malformed files, invalid values found while running) is the user's to fix, so it gets a message
 * without a stack trace; anything else is a bug and keeps its stack trace.
 */
public final class ErrorReporter implements IExecutionExceptionHandler {
    /** Exit code of a command that failed while running (bad arguments exit with picocli's 2). */
    public static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        String who = cmd.getCommandSpec().qualifiedName();
        if (isUserError(ex)) {
            cmd.getErr().println(cmd.getColorScheme().errorText(who + ": error: " + describe(ex)));
        } else {
            cmd.getErr().println(cmd.getColorScheme().errorText(who + ": internal error: " + ex));
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return FAILED;
    }

    private static boolean isUserError(Throwable ex) {
        return ex instanceof IOException || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException;
    }

    /** A one-line explanation; file-system exceptions only carry the path, so say what happened to it. */
    static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException u) return describe(u.getCause());
        if (ex instanceof NoSuchFileException e) return "cannot read " + e.getFile() + ": no such file" + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
        if (ex instanceof AccessDeniedException e) return "cannot access " + e.getFile() + ": permission denied";
        if (ex instanceof FileSystemException e) return e.getMessage();
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
