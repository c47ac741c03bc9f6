package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The infrastructure vendors a zone's datastores may be hosted on; empty means any. */
public record VendorPolicy(List<String> allowed) {
    public static final VendorPolicy ANY = new VendorPolicy(List.of());

    public VendorPolicy {
        allowed = List.copyOf(requireNonNull(allowed, "allowed is null"));
    }

    public boolean allows(String vendor) {
        return allowed.isEmpty() || allowed.contains(vendor);
    }
}
