package io.jgrad.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Module#loadStateDict} could not match (PyTorch's {@code _IncompatibleKeys}): model
 * entries the state dict lacks, state dict entries the model lacks, and entries whose shapes
 * differ (each described as {@code "name: checkpoint shape [..], model shape [..]"}).
 */
public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys, List<String> shapeMismatches) {
    /** True when everything matched. */
    public boolean isEmpty() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty() && shapeMismatches.isEmpty();
    }

    /** A one-line summary in PyTorch's wording. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!missingKeys.isEmpty()) parts.add("Missing key(s) in state_dict: " + quoted(missingKeys));
        if (!unexpectedKeys.isEmpty()) parts.add("Unexpected key(s) in state_dict: " + quoted(unexpectedKeys));
        if (!shapeMismatches.isEmpty()) parts.add("size mismatch for " + String.join("; ", shapeMismatches));
        return parts.isEmpty() ? "all keys matched" : String.join(". ", parts) + ".";
    }

    private static String quoted(List<String> keys) {
        return "\"" + String.join("\", \"", keys) + "\"";
    }
}
