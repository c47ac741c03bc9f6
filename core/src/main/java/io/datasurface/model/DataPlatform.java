package io.datasurface.model;

import java.util.List;

/** A data platform turns the part of the model assigned to it into a running pipeline. */
public sealed interface DataPlatform permits KubernetesPGStarter {

    String name();

    /** The YAML {@code kind} of this platform. */
    String kind();

    Documentation documentation();

    CredentialStore credentialStore();

    /** Every credential the platform's own components use. */
    List<Credential> credentials();

    /** Whether the platform can ingest data captured this way. */
    boolean supportsCapture(CaptureMetaData capture);
}
