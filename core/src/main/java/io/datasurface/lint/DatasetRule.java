package io.datasurface.lint;

import io.datasurface.diagnostics.ProblemCollector;
import io.datasurface.model.Column;
import io.datasurface.model.DataType;
import io.datasurface.model.Dataset;
import io.datasurface.model.Datastore;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;

/**
 * A datastore has capture metadata and datasets; a dataset has columns and a primary key of
 * non-nullable columns; types are well formed (positive lengths and precisions, scale not above
 * precision).
 */
final class DatasetRule implements LintRule {
    static final String DATASTORE = "datastore";
    static final String PRIMARY_KEY = "primary-key";
    static final String TYPE = "type";

    @Override
    public void check(Ecosystem ecosystem, ProblemCollector problems) {
        for (Ecosystem.TeamInZone t : ecosystem.teams()) {
            for (Datastore store : t.team().datastores()) {
                ObjectPath storePath = ModelPaths.datastore(t.zone().name(), t.team().name(), store.name());
                if (store.capture().isEmpty()) {
                    problems.error(DATASTORE, storePath, "datastore has no capture metadata: add capture (for example "
                            + "{kind: debezium, topicPrefix: cdc." + store.name() + "}) so that platforms can ingest it");
                }
                if (store.datasets().isEmpty()) {
                    problems.error(DATASTORE, storePath, "datastore has no datasets: add at least one dataset or remove the datastore");
                }
                for (Dataset dataset : store.datasets()) {
                    checkDataset(dataset, storePath.child("dataset", dataset.name()), problems);
                }
            }
        }
    }

    private static void checkDataset(Dataset dataset, ObjectPath path, ProblemCollector problems) {
        if (dataset.schema().columns().isEmpty()) {
            problems.error(PRIMARY_KEY, path, "dataset has no columns: add its columns, with key: true on the primary key");
            return;
        }
        if (!hasKey(dataset)) {
            problems.error(PRIMARY_KEY, path, "dataset has no primary key: mark the identifying column(s) with key: true");
        }
        for (Column column : dataset.schema().columns()) {
            // The column's path is only made for a problem: a large model has hundreds of thousands of columns.
            if (column.primaryKey() && column.nullable()) {
                problems.error(PRIMARY_KEY, path.child("column", column.name()), "primary key column " + column.name()
                        + " is nullable: key columns must not be null; remove nullable: true or take the column out of the key");
            }
            String problem = typeProblem(column.type());
            if (problem != null) {
                problems.error(TYPE, path.child("column", column.name()), "column " + column.name() + " has type " + column.type() + ": " + problem);
            }
        }
    }

    private static boolean hasKey(Dataset dataset) {
        for (Column column : dataset.schema().columns()) {
            if (column.primaryKey()) {
                return true;
            }
        }
        return false;
    }

    /** What is wrong with a type's parameters, or null when it is well formed. */
    static String typeProblem(DataType type) {
        if (type instanceof DataType.DecimalType d) {
            if (d.precision() < 1) {
                return "precision must be at least 1";
            }
            if (d.scale() < 0 || d.scale() > d.precision()) {
                return "scale must be between 0 and the precision (" + d.precision() + ")";
            }
        } else if (type instanceof DataType.CharType c && c.length() < 1) {
            return "the length must be at least 1";
        } else if (type instanceof DataType.VarcharType v && v.length() < 1) {
            return "the length must be at least 1";
        } else if (type instanceof DataType.TimestampType ts && ts.precision() < 0) {
            return "the fractional second precision must not be negative";
        } else if (type instanceof DataType.IntegerType i && i.bits() != 16 && i.bits() != 32 && i.bits() != 64) {
            return "integers have 16, 32 or 64 bits";
        } else if (type instanceof DataType.FloatType f && f.bits() != 32 && f.bits() != 64) {
            return "floating point numbers have 32 or 64 bits";
        }
        return null;
    }
}
