package io.datasurface.deploy;

import java.io.IOException;

/**
 * Rewrites deploy/native-image/reflect-config.json from {@link ReflectionClosure}. Run it on purpose after a model,
 * event or view record was added, and review the diff; tests never call it. From deploy/, after test-compile:
 * {@code java -cp target/test-classes:$(cat cp.txt) io.datasurface.deploy.UpdateNativeConfig} with cp.txt from
 * {@code ../mvnw -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt}.
 */
public final class UpdateNativeConfig {
    private UpdateNativeConfig() {
    }

    public static void main(String[] args) throws IOException {
        NativeConfig.writeReflection(ReflectionClosure.classNames());
        System.out.println("wrote " + NativeConfig.REFLECTION);
    }
}
