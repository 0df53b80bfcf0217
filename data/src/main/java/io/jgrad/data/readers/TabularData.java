package io.jgrad.data.readers;

import io.jgrad.core.Tensor;
import io.jgrad.data.TensorDataset;
import java.util.List;

/**
 * A table read for learning: float32 features {@code (N, F)} and a target {@code (N)}, float32
 * for a numeric target or int64 class indices for a categorical one.
 *
 * @param source the file or resource read
 * @param features float32 {@code (N, F)}, columns in {@code featureNames} order
 * @param featureNames the names of the feature columns
 * @param target float32 {@code (N)} values, or int64 {@code (N)} indices into {@code classes}
 * @param targetName the name of the target column
 * @param classes the class names of a categorical target (index = class), empty for a numeric one
 */
public record TabularData(String source, Tensor features, List<String> featureNames, Tensor target, String targetName, List<String> classes) {

    /** The table's rows as a dataset of {@code [features_i, target_i]} samples. */
    public TensorDataset dataset() {
        return new TensorDataset(features, target);
    }

    /** The number of rows. */
    public int size() {
        return features.size(0);
    }
}
