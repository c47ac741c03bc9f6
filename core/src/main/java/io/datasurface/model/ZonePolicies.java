package io.datasurface.model;

import static java.util.Objects.requireNonNull;

/** The rules a governance zone sets for the data of its teams. */
public record ZonePolicies(ClassificationPolicy classifications, VendorPolicy vendors) {
    public static final ZonePolicies NONE = new ZonePolicies(ClassificationPolicy.ANY, VendorPolicy.ANY);

    public ZonePolicies {
        requireNonNull(classifications, "classifications is null");
        requireNonNull(vendors, "vendors is null");
    }
}
