package io.datasurface.yaml;

/**
 * Thrown where a fast reader of model files meets text it does not read exactly ({@link ModelYamlScanner},
 * {@link ModelEventReader}): it only means "take the slower, complete way", so it has no message worth keeping and no
 * stack trace, and one instance serves every throw.
 */
final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
        super("not read by the fast path", null, false, false);
    }

    /** Gives up unless {@code condition} holds. */
    static void unless(boolean condition) {
        if (!condition) {
            throw INSTANCE;
        }
    }
}
