package io.datasurface.yaml;

import io.datasurface.model.Credential;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Documentation;
import io.datasurface.model.InfrastructureLocation;
import io.datasurface.model.InfrastructureVendor;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.model.SourceLocation;
import io.datasurface.model.ZoneDeclaration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads the ecosystem file from the parser's events (see {@link ModelEventReader}) into the ecosystem's own parts
 * (owner, vendors, platforms, zone declarations) and where each starts.
 */
final class EcosystemFileReader extends ModelEventReader {
    /** The schema's enumeration of a vendor's cloud ({@code $defs/vendor}); {@code ModelEventReaderTest} holds them equal. */
    static final List<String> CLOUDS = List.of("private", "aws", "azure", "gcp", "other");

    /** Where objects start, in the order the tree path's reader records them. */
    private final Map<ObjectPath, SourceLocation> sources = new LinkedHashMap<>();

    private EcosystemFileReader(String file, String text) {
        super(file, text);
    }

    /** The ecosystem file as the tree path would read it from a file without problems. */
    static Optional<ModelLoader.EcosystemRead> read(String file, String text) {
        return attempt(() -> new EcosystemFileReader(file, text).ecosystem());
    }

    private ModelLoader.EcosystemRead ecosystem() {
        EcosystemFields fields = document(new EcosystemFields(), ModelKind.ECOSYSTEM);
        require(fields.owner != null);
        sources.put(ObjectPath.ROOT, YamlDocument.location(file, fields.mark));
        fields.vendors.forEach(vendor -> vendor.record(ModelPaths.vendor(vendor.name)));
        for (int i = 0; i < fields.platforms.size(); i++) {
            sources.put(ModelPaths.platform(fields.platforms.get(i).name()), YamlDocument.location(file, fields.platformMarks.get(i)));
        }
        for (int i = 0; i < fields.zones.size(); i++) {
            sources.put(ModelPaths.zoneDeclaration(fields.zones.get(i).name()), YamlDocument.location(file, fields.zoneMarks.get(i)));
        }
        ModelReader.EcosystemFile ecosystem = new ModelReader.EcosystemFile(fields.name, fields.owner, fields.documentation,
                fields.vendors.stream().map(VendorFields::vendor).toList(), fields.platforms, fields.zones);
        return new ModelLoader.EcosystemRead(ecosystem, Collections.unmodifiableMap(sources), List.of());
    }

    private final class EcosystemFields extends RootFields {
        Repository owner;
        Documentation documentation = Documentation.NONE;
        final List<VendorFields> vendors = new ArrayList<>();
        final List<DataPlatform> platforms = new ArrayList<>();
        final List<Long> platformMarks = new ArrayList<>();
        final List<ZoneDeclaration> zones = new ArrayList<>();
        final List<Long> zoneMarks = new ArrayList<>();

        @Override
        void field(String key) {
            switch (key) {
                case "owner" -> owner = repository();
                case "documentation" -> documentation = new Documentation(string());
                case "vendors" -> {
                    new Items<VendorFields>() {
                        @Override
                        void item() {
                            VendorFields vendor = new VendorFields();
                            vendor.read();
                            vendors.add(vendor);
                        }
                    }.read();
                }
                case "platforms" -> {
                    new Items<DataPlatform>() {
                        @Override
                        void item() {
                            PlatformFields platform = new PlatformFields();
                            platform.read();
                            platforms.add(platform.platform());
                            platformMarks.add(platform.mark);
                        }
                    }.read();
                }
                case "zones" -> declarations(zones, zoneMarks, ZoneDeclaration::new);
                default -> throw unknown();
            }
        }
    }

    /** A vendor or one of its locations: a name, locations within it, and (a vendor) its cloud. */
    private class LocationFields extends Fields {
        String name;
        final List<LocationFields> locations = new ArrayList<>();

        @Override
        void value(String key) {
            switch (key) {
                case "name" -> name = name();
                case "locations" -> {
                    new Items<LocationFields>() {
                        @Override
                        void item() {
                            LocationFields location = new LocationFields();
                            location.read();
                            require(location.name != null);
                            locations.add(location);
                        }
                    }.read();
                }
                default -> otherField(key);
            }
        }

        void otherField(String key) {
            throw unknown();
        }

        InfrastructureLocation location() {
            return new InfrastructureLocation(name, locations.stream().map(LocationFields::location).toList());
        }

        /** Records where this object starts at {@code path}, then its locations'. */
        void record(ObjectPath path) {
            sources.put(path, YamlDocument.location(file, mark));
            locations.forEach(location -> location.record(path.child("location", location.name)));
        }
    }

    private final class VendorFields extends LocationFields {
        String cloud;

        @Override
        void otherField(String key) {
            require(key.equals("cloud"));
            cloud = oneOf(CLOUDS);
        }

        InfrastructureVendor vendor() {
            require(name != null && cloud != null);
            return new InfrastructureVendor(name, cloud, locations.stream().map(LocationFields::location).toList());
        }
    }

    /** A KubernetesPGStarter platform: the only kind the schema knows. */
    private final class PlatformFields extends Fields {
        String name;
        String kind;
        Documentation documentation = Documentation.NONE;
        String namespace;
        KubernetesPGStarter.Postgres postgres;
        String bootstrapServers;
        KubernetesPGStarter.Service kafkaConnect;
        KubernetesPGStarter.Service airflow;
        String mergeImage;
        Credential gitCredential;
        KubernetesPGStarter.Slack slack;
        Duration mergeInterval = KubernetesPGStarter.DEFAULT_MERGE_INTERVAL;
        KubernetesPGStarter.TableRetention retention = KubernetesPGStarter.TableRetention.DEFAULT;

        @Override
        void value(String key) {
            switch (key) {
                case "name" -> name = name();
                case "kind" -> kind = string();
                case "documentation" -> documentation = new Documentation(string());
                case "namespace" -> namespace = nonEmpty(string());
                case "postgres" -> postgres = postgres();
                case "kafka" -> {
                    new Fields() {
                        @Override
                        void value(String field) {
                            require(field.equals("bootstrapServers"));
                            bootstrapServers = nonEmpty(string());
                        }
                    }.read();
                }
                case "kafkaConnect" -> kafkaConnect = withCredential("name", KubernetesPGStarter.Service::new);
                case "airflow" -> airflow = withCredential("name", KubernetesPGStarter.Service::new);
                case "mergeImage" -> mergeImage = nonEmpty(string());
                case "git" -> {
                    new Fields() {
                        @Override
                        void value(String field) {
                            require(field.equals("credential"));
                            gitCredential = credential();
                        }
                    }.read();
                }
                case "slack" -> slack = withCredential("channel", KubernetesPGStarter.Slack::new);
                case "mergeInterval" -> mergeInterval = duration();
                case "retention" -> retention = retention();
                default -> throw unknown();
            }
        }

        DataPlatform platform() {
            require(name != null && KubernetesPGStarter.KIND.equals(kind) && namespace != null && postgres != null && bootstrapServers != null
                    && kafkaConnect != null && airflow != null && mergeImage != null && gitCredential != null && slack != null);
            return new KubernetesPGStarter(name, documentation, namespace, postgres, new KubernetesPGStarter.Kafka(bootstrapServers), kafkaConnect,
                    airflow, mergeImage, gitCredential, slack, mergeInterval, retention);
        }
    }

    private KubernetesPGStarter.Postgres postgres() {
        var fields = new Fields() {
            String host;
            int port = KubernetesPGStarter.Postgres.DEFAULT_PORT;
            String database;
            Credential credential;

            @Override
            void value(String key) {
                switch (key) {
                    case "host" -> host = nonEmpty(string());
                    case "port" -> port = integer(1, 65535);
                    case "database" -> database = nonEmpty(string());
                    case "credential" -> credential = credential();
                    default -> throw unknown();
                }
            }
        };
        fields.read();
        require(fields.host != null && fields.database != null && fields.credential != null);
        return new KubernetesPGStarter.Postgres(fields.host, fields.port, fields.database, fields.credential);
    }

    /** A service (name) or the Slack settings (channel): one non-empty string under {@code key}, and a credential. */
    private <T> T withCredential(String key, BiFunction<String, Credential, T> make) {
        var fields = new Fields() {
            String value;
            Credential credential;

            @Override
            void value(String field) {
                if (field.equals(key)) {
                    value = nonEmpty(string());
                } else if (field.equals("credential")) {
                    credential = credential();
                } else {
                    throw unknown();
                }
            }
        };
        fields.read();
        require(fields.value != null && fields.credential != null);
        return make.apply(fields.value, fields.credential);
    }

    private KubernetesPGStarter.TableRetention retention() {
        KubernetesPGStarter.TableRetention defaults = KubernetesPGStarter.TableRetention.DEFAULT;
        var fields = new Fields() {
            boolean archiveStagingRows = defaults.archiveStagingRows();
            boolean archiveRemovedTables = defaults.archiveRemovedTables();
            Duration unusedTableGracePeriod = defaults.unusedTableGracePeriod();

            @Override
            void value(String key) {
                switch (key) {
                    case "archiveStagingRows" -> archiveStagingRows = bool();
                    case "archiveRemovedTables" -> archiveRemovedTables = bool();
                    case "unusedTableGracePeriod" -> unusedTableGracePeriod = duration();
                    default -> throw unknown();
                }
            }
        };
        fields.read();
        return new KubernetesPGStarter.TableRetention(fields.archiveStagingRows, fields.archiveRemovedTables, fields.unusedTableGracePeriod);
    }
}
