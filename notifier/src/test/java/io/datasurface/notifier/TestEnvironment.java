package io.datasurface.notifier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Optional;

/**
 * Stands in for the process environment in command tests, where the JVM's own cannot be changed.
 * The values are system properties {@code test.env.NAME}: the launched application and the test
 * run in different class loaders, so a static field would not be shared.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestEnvironment extends Environment {
    private static final String PREFIX = "test.env.";

    static void set(String name, String value) {
        System.setProperty(PREFIX + name, value);
    }

    static void clear(String name) {
        System.clearProperty(PREFIX + name);
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(System.getProperty(PREFIX + name));
    }
}
