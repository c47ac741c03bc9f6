package io.datasurface.model;

/** What history a consumer needs: only the live rows, or every version with its validity. */
public enum Milestoning {
    LIVE_ONLY("liveOnly"),
    MILESTONED("milestoned");

    private final String yamlName;

    Milestoning(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** The stricter of two requirements: milestoned data also serves live-only consumers. */
    public Milestoning strictest(Milestoning other) {
        return this == MILESTONED || other == MILESTONED ? MILESTONED : LIVE_ONLY;
    }

    public static Milestoning fromYaml(String value) {
        for (Milestoning m : values()) {
            if (m.yamlName.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown milestoning '" + value + "': use liveOnly or milestoned");
    }
}
