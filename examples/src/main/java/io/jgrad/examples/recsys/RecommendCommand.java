package io.jgrad.examples.recsys;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.data.DataLoader;
import io.jgrad.data.TensorDataset;
import io.jgrad.examples.cli.ExampleCommand;
import io.jgrad.examples.training.EpochStats;
import io.jgrad.examples.training.TrainingLoop;
import io.jgrad.nn.F;
import io.jgrad.optim.Adam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Recommendation from implicit feedback: matrix factorisation with embeddings, trained with
 * sampled negatives and binary cross entropy, evaluated leave-one-out (HR@10, NDCG@10) against
 * recommending the most popular items.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learn to recommend items from implicit feedback (matrix factorisation with Embedding layers).",
                "Data: --ratings CSV (user,item[,rating]), else a synthetic data set with planted user/item structure.",
                "Reports HR@10 and NDCG@10 (each user's last interaction held out) against a most-popular baseline."})
public final class RecommendCommand extends ExampleCommand {
    @Option(names = "--ratings", paramLabel = "CSV", description = "Interactions as user,item[,rating] lines, oldest first; a first line starting with 'user' is a header.")
    Path ratings;

    @Option(names = "--min-rating", paramLabel = "R", defaultValue = "-Infinity", description = "With a rating column, count only rows rated at least R (default: all rows).")
    double minRating;

    @Option(names = "--users", paramLabel = "N", defaultValue = "1000", description = "Users of the synthetic data set (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items", paramLabel = "N", defaultValue = "500", description = "Items of the synthetic data set (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--dim", paramLabel = "N", defaultValue = "16", description = "Factor dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--negatives", paramLabel = "N", defaultValue = "4", description = "Sampled non-interactions per interaction, redrawn every epoch (default: ${DEFAULT-VALUE}).")
    int negatives;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-2", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "3e-5", description = "L2 penalty on all parameters, Adam's weight_decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Length of the recommendation list for HR@K and NDCG@K (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    protected void execute() throws Exception {
        atLeast("--users", users, 2);
        atLeast("--items", items, 2);
        atLeast("--dim", dim, 1);
        atLeast("--epochs", epochs, 1);
        atLeast("--negatives", negatives, 1);
        atLeast("--batch-size", batchSize, 1);
        atLeast("--top", top, 1);
        positive("--lr", lr);
        require(weightDecay >= 0, "--weight-decay must not be negative, got " + weightDecay);

        Interactions data = ratings != null ? Interactions.readCsv(ratings, minRating) : Interactions.synthetic(users, items, 8, run.generator(0));
        out().printf("data: %s%n", data.description());
        Interactions.Split split = data.leaveLastOut();
        Interactions train = split.train();
        if (split.testUser().length < 10)
            throw new IllegalArgumentException("only " + split.testUser().length + " users have two or more interactions; leave-one-out needs at least 10");
        out().printf("leave-one-out: %,d training interactions; %,d test users, each ranking its held-out item among the items it has not seen%n",
                train.size(), split.testUser().length);
        List<BitSet> seen = seenItems(train);

        Ranking.Metrics popular = Ranking.evaluate(popularityScores(train, split.testUser().length), train.items(), split.testUser(), split.testItem(), seen, top);

        MatrixFactorization model = new MatrixFactorization(train.users(), train.items(), dim, run.generator(3));
        Adam optimizer = new Adam(model.parameters(), Map.of("lr", lr, "weight_decay", weightDecay));
        Generator negativeGen = run.generator(1), shuffleGen = run.generator(2);
        out().printf("model: matrix factorisation, %d factors, %d sampled negatives per interaction, Adam lr %s, weight decay %.0e, batch %d%n", dim, negatives, lr, weightDecay, batchSize);
        Ranking.Metrics learned = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            TensorDataset examples = withNegatives(train, seen, negativeGen);
            DataLoader<List<Tensor>> loader = DataLoader.builder(examples).batchSize(batchSize).shuffle(shuffleGen).build();
            EpochStats stats = TrainingLoop.epoch("epoch " + epoch + "/" + epochs, loader, optimizer, batch -> TrainingLoop.Outcome.lossOnly(
                    F.binaryCrossEntropyWithLogits(model.score(batch.get(0), batch.get(1)), batch.get(2)), batch.get(0).size(0)), run.progress());
            learned = Ranking.evaluate(scores(model, split.testUser()), train.items(), split.testUser(), split.testItem(), seen, top);
            out().printf("epoch %d/%d: loss %.4f | HR@%d %.4f, NDCG@%d %.4f | %.1f s%n", epoch, epochs, stats.loss(), top, learned.hitRate(), top, learned.ndcg(), stats.seconds());
            out().flush();
        }
        out().printf("%n%-22s %8s %8s%n", "", "HR@" + top, "NDCG@" + top);
        out().printf("%-22s %8.4f %8.4f%n", "most popular", popular.hitRate(), popular.ndcg());
        out().printf("%-22s %8.4f %8.4f%n", "matrix factorisation", learned.hitRate(), learned.ndcg());
    }

    private static List<BitSet> seenItems(Interactions train) {
        List<BitSet> seen = new ArrayList<>();
        for (int u = 0; u < train.users(); u++) seen.add(new BitSet(train.items()));
        for (int k = 0; k < train.size(); k++) seen.get(train.user()[k]).set(train.item()[k]);
        return seen;
    }

    /** Every test user gets the same scores: how often each item occurs in training. */
    private static float[] popularityScores(Interactions train, int testUsers) {
        float[] counts = new float[train.items()];
        for (int i : train.item()) counts[i]++;
        float[] scores = new float[testUsers * train.items()];
        for (int r = 0; r < testUsers; r++) System.arraycopy(counts, 0, scores, r * counts.length, counts.length);
        return scores;
    }

    private static float[] scores(MatrixFactorization model, int[] testUser) {
        long[] ids = new long[testUser.length];
        for (int r = 0; r < ids.length; r++) ids[r] = testUser[r];
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            return model.scoreAll(Tensor.of(ids, ids.length)).toFloatArray();
        }
    }

    /** The training interactions (label 1) plus, for each, {@code negatives} random items the user never interacted with (label 0). */
    private TensorDataset withNegatives(Interactions train, List<BitSet> seen, Generator gen) {
        int n = train.size() * (1 + negatives);
        long[] u = new long[n], i = new long[n];
        float[] label = new float[n];
        int k = 0;
        for (int p = 0; p < train.size(); p++) {
            int user = train.user()[p];
            u[k] = user;
            i[k] = train.item()[p];
            label[k++] = 1;
            BitSet skip = seen.get(user);
            if (skip.cardinality() >= train.items()) continue; // this user has seen everything: no negatives exist
            for (int j = 0; j < negatives; j++) {
                int item;
                do item = (int) gen.nextLong(train.items());
                while (skip.get(item));
                u[k] = user;
                i[k] = item;
                label[k++] = 0;
            }
        }
        return new TensorDataset(Tensor.of(java.util.Arrays.copyOf(u, k), k), Tensor.of(java.util.Arrays.copyOf(i, k), k), Tensor.of(java.util.Arrays.copyOf(label, k), k));
    }
}
