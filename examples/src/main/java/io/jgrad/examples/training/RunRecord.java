package io.jgrad.examples.training;

import io.jgrad.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A training run's settings and per-epoch history, kept as {@code run.json} next to its
 * checkpoint: resuming checks that the settings did not change and continues the history, so the
 * charts cover every epoch.
 *
 * @param config  the settings that must not change between a run and its resumption
 * @param history the epochs so far
 */
public record RunRecord(Map<String, Object> config, TrainingHistory history) {
    /** Writes {@code {"config": ..., "history": ...}} to {@code file}, atomically. */
    public void save(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", config);
        root.put("history", Json.parse(history.toJson()));
        OutputFiles.write(file, Json.write(root));
    }

    /** Reads what {@link #save} wrote; a missing or malformed file is an error naming it. */
    public static RunRecord load(Path file) throws IOException {
        Object root = Json.parse(Files.readString(file));
        if (!(root instanceof Map<?, ?> map) || !(map.get("config") instanceof Map<?, ?> config) || map.get("history") == null)
            throw new IllegalArgumentException(file + ": expected {\"config\": {...}, \"history\": {...}}");
        Map<String, Object> settings = new LinkedHashMap<>();
        config.forEach((k, v) -> settings.put((String) k, v));
        return new RunRecord(settings, TrainingHistory.fromJson(Json.write(map.get("history")), file.toString()));
    }

    /** Fails, listing the differences, unless {@code config} has the same settings as this record. */
    public void requireSameConfig(Map<String, Object> config, String what) {
        Map<?, ?> now = (Map<?, ?>) Json.parse(Json.write(config)); // the number types JSON gives back
        StringBuilder diff = new StringBuilder();
        for (Map.Entry<?, ?> e : now.entrySet())
            if (!Objects.equals(e.getValue(), this.config.get(e.getKey())))
                diff.append(String.format("%n  %s: checkpoint %s, this run %s", e.getKey(), this.config.get(e.getKey()), e.getValue()));
        if (!diff.isEmpty()) throw new IllegalArgumentException("cannot resume from " + what + ": it was trained with other settings:" + diff);
    }
}
