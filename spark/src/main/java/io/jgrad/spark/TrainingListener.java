package io.jgrad.spark;

/**
 * Receives progress on the driver while {@link SparkTrainer#fit} runs; every method has an empty
 * default. Called on the thread that called {@code fit}, so a slow listener slows training.
 */
public interface TrainingListener {
    /** After every step. */
    default void onStep(StepStats step) {}

    /** After the last step of an epoch. */
    default void onEpoch(EpochStats epoch) {}

    /** After a checkpoint was written. */
    default void onCheckpoint(long step, String path) {}

    /** After a run resumed from a checkpoint, before its first step. */
    default void onResume(long step, String path) {}
}
