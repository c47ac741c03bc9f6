package io.datasurface.yaml;

import java.util.regex.Pattern;

/**
 * Where each part of the model lives in its folder. The layout follows ownership, so a reviewer
 * sees at a glance who may touch a file; the loader, the writer and every message that tells a
 * person where to put a part use these names.
 */
public final class ModelLayout {
    public static final String ECOSYSTEM_FILE = "ecosystem.yaml";
    /** The whole layout, for messages. */
    public static final String DESCRIPTION = ECOSYSTEM_FILE + ", zones/<zone>/zone.yaml and zones/<zone>/teams/<team>.yaml";

    static final Pattern ZONE_FILE = Pattern.compile("zones/([^/]+)/zone\\.ya?ml");
    static final Pattern TEAM_FILE = Pattern.compile("zones/([^/]+)/teams/([^/]+)\\.ya?ml");
    static final Pattern ZONE_FOLDER = Pattern.compile("zones/([^/]+)/.*");

    private ModelLayout() {
    }

    public static String zoneFolder(String zone) {
        return "zones/" + zone;
    }

    public static String zoneFile(String zone) {
        return zoneFolder(zone) + "/zone.yaml";
    }

    public static String teamFile(String zone, String team) {
        return zoneFolder(zone) + "/teams/" + team + ".yaml";
    }
}
