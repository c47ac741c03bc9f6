package io.datasurface.local;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared platform when the test session ends, whichever test classes ran. A JVM shutdown
 * hook is too late: the worker's and PostgreSQL's own hooks then stop them at the same time, and
 * the working directory can be left behind.
 */
public final class SharedPlatformCloser implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedPlatform.close();
    }
}
