package io.jgrad.examples.recsys;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Implicit feedback: which user interacted with which item, users and items numbered from 0, in
 * the order the interactions happened (for a CSV file: file order). Each (user, item) pair occurs
 * once.
 *
 * @param users       number of users
 * @param items       number of items
 * @param user        user of each interaction
 * @param item        item of each interaction
 * @param description where the data came from
 */
public record Interactions(int users, int items, int[] user, int[] item, String description) {
    /**
     * Reads {@code user,item[,rating[,...]]} lines. Ids are any strings (numbered in order of
     * appearance); a first line whose first field starts with "user" is a header. With a rating
     * column, only rows rated at least {@code minRating} count as interactions; repeated pairs
     * count once.
     */
    public static Interactions readCsv(Path file, double minRating) throws IOException {
        Map<String, Integer> users = new LinkedHashMap<>(), items = new LinkedHashMap<>();
        List<int[]> pairs = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            for (int number = 1; (line = in.readLine()) != null; number++) {
                if (line.isBlank() || (number == 1 && line.strip().toLowerCase().startsWith("user"))) continue;
                String[] f = line.split(",", -1);
                if (f.length < 2 || f[0].isBlank() || f[1].isBlank())
                    throw new IllegalArgumentException(file + ":" + number + ": expected user,item[,rating], got '" + line + "'");
                if (f.length > 2 && rating(file, number, f[2]) < minRating) {
                    skipped++;
                    continue;
                }
                int u = users.computeIfAbsent(f[0].strip(), k -> users.size());
                int i = items.computeIfAbsent(f[1].strip(), k -> items.size());
                if (seen.add((long) u << 32 | i)) pairs.add(new int[] {u, i});
            }
        }
        if (pairs.isEmpty()) throw new IllegalArgumentException(file + ": no interactions" + (skipped > 0 ? " rated at least " + minRating : ""));
        String what = String.format("%s: %,d interactions of %,d users with %,d items%s", file, pairs.size(), users.size(), items.size(),
                skipped > 0 ? String.format(" (%,d rows rated below %s left out)", skipped, minRating) : "");
        return of(users.size(), items.size(), pairs, what);
    }

    private static double rating(Path file, int line, String field) {
        try {
            return Double.parseDouble(field.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": rating '" + field + "' is not a number");
        }
    }

    /**
     * Synthetic data with planted structure: every item belongs to one of {@code genres} genres and
     * has a popularity (Zipf-like over a random ranking); every user likes two genres. A user
     * picks 10 to 40 distinct items (at most all of them) with probability proportional to popularity times 1 for a
     * liked genre and 0.05 otherwise. Popularity alone therefore predicts part of the behaviour,
     * the user-genre affinity the rest.
     */
    public static Interactions synthetic(int users, int items, int genres, Generator gen) {
        int[] genre = new int[items];
        double[] popularity = new double[items];
        int[] rank = shuffled(items, gen);
        for (int i = 0; i < items; i++) {
            genre[i] = (int) gen.nextLong(genres);
            popularity[i] = Math.pow(rank[i] + 10, -0.8);
        }
        List<int[]> pairs = new ArrayList<>();
        double[] weight = new double[items];
        for (int u = 0; u < users; u++) {
            int liked1 = (int) gen.nextLong(genres), liked2 = (int) gen.nextLong(genres);
            for (int i = 0; i < items; i++) weight[i] = popularity[i] * (genre[i] == liked1 || genre[i] == liked2 ? 1 : 0.05);
            int[] picks = new int[Math.min(items, 10 + (int) gen.nextLong(31))];
            for (int k = 0; k < picks.length; k++) {
                picks[k] = draw(weight, gen);
                weight[picks[k]] = 0; // without replacement
            }
            // Popular items tend to be drawn first; a random order makes the held-out "last" item a random one.
            for (int k : shuffled(picks.length, gen)) pairs.add(new int[] {u, picks[k]});
        }
        String what = String.format("synthetic: %,d interactions of %,d users with %,d items (%d planted genres, Zipf popularity)", pairs.size(), users, items, genres);
        return of(users, items, pairs, what);
    }

    private static int draw(double[] weight, Generator gen) {
        double total = 0;
        for (double w : weight) total += w;
        double u = gen.nextDouble() * total;
        for (int i = 0; i < weight.length; i++) {
            u -= weight[i];
            if (u < 0 && weight[i] > 0) return i;
        }
        for (int i = weight.length - 1; ; i--) if (weight[i] > 0) return i; // rounding left u just above 0
    }

    /** A random permutation of {@code 0..n-1}. */
    private static int[] shuffled(int n, Generator gen) {
        return Arrays.stream(Tensor.randperm(gen, n).toLongArray()).mapToInt(Math::toIntExact).toArray();
    }

    private static Interactions of(int users, int items, List<int[]> pairs, String description) {
        int[] u = new int[pairs.size()], i = new int[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            u[k] = pairs.get(k)[0];
            i[k] = pairs.get(k)[1];
        }
        return new Interactions(users, items, u, i, description);
    }

    /** The number of interactions. */
    public int size() {
        return user.length;
    }

    /**
     * Leave-one-out: every user's last interaction is held out for testing, if the user has at
     * least two (users with one interaction only train).
     */
    public Split leaveLastOut() {
        int[] last = new int[users], count = new int[users];
        Arrays.fill(last, -1);
        for (int k = 0; k < size(); k++) {
            last[user[k]] = k;
            count[user[k]]++;
        }
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (int k = 0; k < size(); k++) {
            if (last[user[k]] == k && count[user[k]] >= 2) test.add(new int[] {user[k], item[k]});
            else train.add(new int[] {user[k], item[k]});
        }
        Interactions t = of(users, items, test, description);
        return new Split(of(users, items, train, description), t.user(), t.item());
    }

    /**
     * Training interactions and one held-out item per test user.
     *
     * @param train    interactions to learn from
     * @param testUser the users evaluated
     * @param testItem each one's held-out item
     */
    public record Split(Interactions train, int[] testUser, int[] testItem) {}
}
