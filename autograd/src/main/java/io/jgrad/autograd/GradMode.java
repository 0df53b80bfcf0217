package io.jgrad.autograd;

/**
 * Per-thread switches: whether ops are recorded (grad mode) and whether backward checks for
 * NaN/inf (anomaly mode). Thread-local, so two threads training two models never interfere.
 */
final class GradMode {
    private GradMode() {}

    private static final class State {
        boolean enabled = true;
        boolean anomaly;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    static boolean isEnabled() {
        return STATE.get().enabled;
    }

    static boolean anomaly() {
        return STATE.get().anomaly;
    }

    /** Sets grad mode and returns a scope that restores the previous value on close. */
    static Scope set(boolean enabled) {
        State s = STATE.get();
        boolean prev = s.enabled;
        s.enabled = enabled;
        return new Scope(() -> s.enabled = prev);
    }

    static Scope setAnomaly(boolean on) {
        State s = STATE.get();
        boolean prev = s.anomaly;
        s.anomaly = on;
        return new Scope(() -> s.anomaly = prev);
    }

    /** A try-with-resources scope; closing it restores what it changed. */
    public static final class Scope implements AutoCloseable {
        private Runnable restore;

        Scope(Runnable restore) {
            this.restore = restore;
        }

        @Override
        public void close() {
            if (restore != null) restore.run();
            restore = null;
        }
    }
}
