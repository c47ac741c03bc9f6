package io.datasurface.yaml;

import io.datasurface.model.ClassificationPolicy;
import io.datasurface.model.Documentation;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.SourceLocation;
import io.datasurface.model.TeamDeclaration;
import io.datasurface.model.VendorPolicy;
import io.datasurface.model.ZonePolicies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a zone file from the parser's events (see {@link ModelEventReader}) into the zone and where it and its team declarations start. */
final class ZoneFileReader extends ModelEventReader {

    private ZoneFileReader(String file, String text) {
        super(file, text);
    }

    /** The zone file at {@code file}, in the folder of zone {@code name}, as the tree path would read it from a file without problems. */
    static Optional<ModelLoader.ZoneRead> read(String file, String text, String name) {
        return attempt(() -> new ZoneFileReader(file, text).zone(name));
    }

    private ModelLoader.ZoneRead zone(String expectedName) {
        ZoneFields fields = document(new ZoneFields(), ModelKind.ZONE);
        require(expectedName.equals(fields.name));
        Map<ObjectPath, SourceLocation> sources = new LinkedHashMap<>();
        ObjectPath path = ModelPaths.zone(fields.name);
        sources.put(path, YamlDocument.location(file, fields.mark));
        for (int i = 0; i < fields.teams.size(); i++) {
            sources.put(path.child("team declaration", fields.teams.get(i).name()), YamlDocument.location(file, fields.teamMarks.get(i)));
        }
        ZonePolicies policies = new ZonePolicies(new ClassificationPolicy(fields.allowedClassifications, fields.restrictedToZone),
                new VendorPolicy(fields.allowedVendors));
        return new ModelLoader.ZoneRead(new ModelReader.ZoneFile(fields.name, fields.documentation, policies, fields.teams),
                Collections.unmodifiableMap(sources), List.of());
    }

    private final class ZoneFields extends RootFields {
        Documentation documentation = Documentation.NONE;
        List<String> allowedClassifications = List.of();
        List<String> restrictedToZone = List.of();
        List<String> allowedVendors = List.of();
        final List<TeamDeclaration> teams = new ArrayList<>();
        final List<Long> teamMarks = new ArrayList<>();

        @Override
        void field(String key) {
            switch (key) {
                case "documentation" -> documentation = new Documentation(string());
                case "policies" -> new PoliciesFields().read();
                case "teams" -> declarations(teams, teamMarks, TeamDeclaration::new);
                default -> throw unknown();
            }
        }

        private final class PoliciesFields extends Fields {
            @Override
            void value(String key) {
                switch (key) {
                    case "classifications" -> {
                        new Fields() {
                            @Override
                            void value(String field) {
                                switch (field) {
                                    case "allowed" -> allowedClassifications = strings();
                                    case "restrictedToZone" -> restrictedToZone = strings();
                                    default -> throw unknown();
                                }
                            }
                        }.read();
                    }
                    case "vendors" -> {
                        new Fields() {
                            @Override
                            void value(String field) {
                                if (!field.equals("allowed")) {
                                    throw unknown();
                                }
                                allowedVendors = strings();
                            }
                        }.read();
                    }
                    default -> throw unknown();
                }
            }
        }
    }
}
