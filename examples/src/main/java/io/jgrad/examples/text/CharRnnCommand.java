package io.jgrad.examples.text;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.data.DataLoader;
import io.jgrad.data.TensorDataset;
import io.jgrad.examples.cli.ExampleCommand;
import io.jgrad.examples.training.EpochStats;
import io.jgrad.examples.training.TrainingHistory;
import io.jgrad.examples.training.TrainingLoop;
import io.jgrad.nn.F;
import io.jgrad.optim.Adam;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A character-level LSTM language model: learns to predict the next character of a text, prints
 * the loss per epoch, then writes new text one sampled character at a time.
 */
@Command(name = "char-rnn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character-level LSTM language model on a text and sample from it.",
                "Default text: " + CharRnnCommand.BUNDLED_NAME + " (bundled, public domain)."})
public final class CharRnnCommand extends ExampleCommand {
    static final String BUNDLED = "text/shakespeare.txt";
    static final String BUNDLED_NAME = "200 KB of Shakespeare's plays";

    @Option(names = "--text", paramLabel = "FILE", description = "UTF-8 text to learn (default: the bundled Shakespeare excerpt).")
    Path text;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "15", description = "Passes over the training text (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seq-length", paramLabel = "N", defaultValue = "64", description = "Characters per training sequence (default: ${DEFAULT-VALUE}).")
    int seqLength;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Sequences per mini-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "256", description = "LSTM units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--embedding", paramLabel = "N", defaultValue = "64", description = "Character embedding size (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "2e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "Sampling temperature: lower is more conservative (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--sample-length", paramLabel = "N", defaultValue = "500", description = "Characters to generate (default: ${DEFAULT-VALUE}).")
    int sampleLength;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Text the sample starts from (default: the first line of the text).")
    String prompt;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N characters of the text.")
    Integer limit;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/char-rnn", description = "Folder for loss.png (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    protected void execute() throws Exception {
        atLeast("--epochs", epochs, 1);
        atLeast("--seq-length", seqLength, 2);
        atLeast("--batch-size", batchSize, 1);
        atLeast("--hidden", hidden, 1);
        atLeast("--embedding", embedding, 1);
        positive("--lr", lr);
        positive("--temperature", temperature);
        atLeast("--sample-length", sampleLength, 0);
        if (limit != null) atLeast("--limit", limit, 1);

        String corpus = readText();
        if (limit != null && corpus.length() > limit) corpus = corpus.substring(0, limit);
        Vocabulary vocab = Vocabulary.of(corpus);
        long[] ids = vocab.encode(corpus);
        int split = (int) (ids.length * 0.9);
        TensorDataset train = windows(ids, 0, split), valid = windows(ids, split, ids.length);
        if (train.size() == 0 || valid.size() == 0)
            throw new IllegalArgumentException("the text has " + ids.length + " characters: too short for --seq-length " + seqLength
                    + " (need at least " + 10 * (seqLength + 1) + ")");
        out().printf("text: %s: %,d characters, %d distinct; %,d training and %,d validation sequences of %d%n",
                text == null ? BUNDLED_NAME + " (bundled)" : text, ids.length, vocab.size(), train.size(), valid.size(), seqLength);

        CharLstm model = new CharLstm(vocab.size(), embedding, hidden);
        Adam optimizer = new Adam(model.parameters(), lr);
        out().printf("model: Embedding(%d, %d) -> LSTM(%d, %d) -> Linear(%d, %d); Adam lr %s, batch %d%n",
                vocab.size(), embedding, embedding, hidden, hidden, vocab.size(), lr, batchSize);
        DataLoader<List<Tensor>> loader = DataLoader.builder(train).batchSize(batchSize).shuffle(run.generator(0)).build();
        TrainingLoop.Objective<List<Tensor>> objective = batch -> TrainingLoop.Outcome.lossOnly(loss(model, batch), batch.get(0).size(0));
        TrainingHistory history = new TrainingHistory();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.train();
            EpochStats stats = TrainingLoop.epoch("epoch " + epoch + "/" + epochs, loader, optimizer, objective, run.progress());
            double validLoss = validationLoss(model, valid);
            history.add(epoch, stats, validLoss, Double.NaN);
            out().printf("epoch %d/%d: train loss %.4f (%.3f bits/char) | validation loss %.4f (%.3f bits/char) | %.1f s%n",
                    epoch, epochs, stats.loss(), bits(stats.loss()), validLoss, bits(validLoss), stats.seconds());
            out().flush();
        }
        history.writeCharts(out, "char-rnn on " + (text == null ? BUNDLED_NAME : text.getFileName().toString()), "validation");
        out().printf("wrote %s%n", out.resolve("loss.png"));

        String start = prompt != null ? prompt : firstLine(corpus);
        out().printf("%n--- sample (temperature %s, prompt %s) ---%n", temperature, quote(start));
        out().println(start + sample(model, vocab, start, run.generator(3)));
    }

    private String readText() throws IOException {
        byte[] bytes;
        if (text != null) bytes = Files.readAllBytes(text);
        else try (InputStream in = CharRnnCommand.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IOException("the bundled text " + BUNDLED + " is missing from the class path");
            bytes = in.readAllBytes();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException((text == null ? BUNDLED : text) + ": not UTF-8 text (" + e.getMessage() + ")");
        }
    }

    /** Non-overlapping windows of {@code seqLength + 1} characters of {@code ids[from, to)}: inputs and next-character targets. */
    private TensorDataset windows(long[] ids, int from, int to) {
        int n = Math.max(0, (to - from - 1) / seqLength);
        long[] x = new long[n * seqLength], y = new long[n * seqLength];
        for (int w = 0; w < n; w++) {
            System.arraycopy(ids, from + w * seqLength, x, w * seqLength, seqLength);
            System.arraycopy(ids, from + w * seqLength + 1, y, w * seqLength, seqLength);
        }
        return new TensorDataset(Tensor.of(x, n, seqLength), Tensor.of(y, n, seqLength));
    }

    private static Tensor loss(CharLstm model, List<Tensor> batch) {
        Tensor logits = model.forward(batch.get(0));
        return F.crossEntropy(logits.reshape(-1, logits.size(2)), batch.get(1).reshape(-1));
    }

    private double validationLoss(CharLstm model, TensorDataset valid) {
        model.eval();
        double sum = 0;
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            for (List<Tensor> batch : DataLoader.builder(valid).batchSize(128).build()) sum += loss(model, batch).item() * batch.get(0).size(0);
        }
        return sum / valid.size();
    }

    /** {@code sampleLength} characters drawn one at a time from the model's softmax(logits / temperature). */
    private String sample(CharLstm model, Vocabulary vocab, String start, Generator gen) {
        model.eval();
        StringBuilder s = new StringBuilder();
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            long[] context = vocab.encode(start);
            CharLstm.Output step = model.step(Tensor.of(context, 1, context.length), new CharLstm.State(null, null));
            for (int i = 0; i < sampleLength; i++) {
                Tensor last = step.logits().select(1, step.logits().size(1) - 1).squeeze(0);
                int next = draw(last.div(temperature).softmax(0).toFloatArray(), gen);
                s.append(vocab.decode(next));
                step = model.step(Tensor.of(new long[] {next}, 1, 1), step.state());
            }
        }
        return s.toString();
    }

    private static int draw(float[] probabilities, Generator gen) {
        double u = gen.nextDouble(), cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) return i;
        }
        return probabilities.length - 1; // rounding left the total just under 1
    }

    private static String firstLine(String corpus) {
        int end = corpus.indexOf('\n');
        String line = end < 0 ? corpus : corpus.substring(0, end + 1);
        return line.length() > 40 ? line.substring(0, 40) : line;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    private static double bits(double nats) {
        return nats / Math.log(2);
    }
}
