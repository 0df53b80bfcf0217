package io.jgrad.data;

import java.util.Iterator;

/**
 * One epoch of a {@link DataLoader}. Close it when stopping before the end of the epoch, so that
 * its prefetch thread ends at once:
 *
 * <pre>{@code
 * try (BatchIterator<List<Tensor>> it = loader.iterator()) {
 *     while (it.hasNext()) {
 *         List<Tensor> batch = it.next();
 *         if (done(batch)) break;       // close() stops the prefetch thread
 *     }
 * }
 * }</pre>
 *
 * An iterator closes itself when the epoch ends or a batch fails, and a plain for-each loop that
 * breaks early is cleaned up by the loader's next epoch or, at the latest, when the iterator is
 * garbage collected; the prefetch thread is a daemon, so it never keeps the JVM alive.
 *
 * @param <B> the batch type
 */
public interface BatchIterator<B> extends Iterator<B>, AutoCloseable {
    /** Stops the epoch: the prefetch thread (if any) has ended when this returns. Idempotent. */
    @Override
    void close();
}
