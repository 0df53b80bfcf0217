package io.jgrad.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the CLI in-process with captured output, as a user would from a shell. */
final class Cli {
    private Cli() {}

    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs {@code args} (no progress bars) and captures stdout and stderr. */
    static Result run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty() && !all.contains("--help") && !all.get(0).startsWith("-") && !all.get(0).equals("help")) all.add("--no-progress");
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Copies the bundled Fashion-MNIST subset into {@code dir}, so tests never depend on a system copy. */
    static Path bundledFashion(Path dir) throws IOException {
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"))
            try (InputStream in = Cli.class.getClassLoader().getResourceAsStream("fashion-mnist-subset/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        return dir;
    }

    /** A test resource as a file in {@code dir}. */
    static Path resource(String name, Path dir) throws IOException {
        Path file = dir.resolve(Path.of(name).getFileName().toString());
        try (InputStream in = Cli.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            Files.copy(in, file);
        }
        return file;
    }
}
