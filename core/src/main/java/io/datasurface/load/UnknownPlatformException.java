package io.datasurface.load;

import io.datasurface.model.DataPlatform;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import java.util.stream.Collectors;

/** The model has no platform of the name asked for, or the platform is of a kind this product does not run. */
public class UnknownPlatformException extends Exception {
    private UnknownPlatformException(String message) {
        super(message);
    }

    static UnknownPlatformException noSuchPlatform(Ecosystem ecosystem, String name) {
        String names = ecosystem.platforms().stream().map(DataPlatform::name).collect(Collectors.joining(", "));
        return new UnknownPlatformException("the model has no platform named '" + name + "'; it has: "
                + (names.isEmpty() ? "none" : names));
    }

    static UnknownPlatformException notServed(DataPlatform platform) {
        return new UnknownPlatformException("platform '" + platform.name() + "' is a " + platform.kind() + "; only "
                + KubernetesPGStarter.KIND + " platforms can be run");
    }
}
