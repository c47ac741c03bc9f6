package io.datasurface.governance;

import io.datasurface.model.Column;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a dataset's new schema still serves the consumers and the platform tables built for the
 * old one. Every incompatibility is returned, each at the path of its column (or of the dataset for
 * the primary key), not only the first.
 */
public final class SchemaCompatibility {
    private SchemaCompatibility() {
    }

    public static List<ModelChange> check(ObjectPath dataset, Schema from, Schema to) {
        // A change leaves most of a model's datasets as they were (the very same objects, when both commits were read
        // through one parse cache), and a schema is compatible with itself.
        if (from == to || from.equals(to)) {
            return List.of();
        }
        List<ModelChange> out = new ArrayList<>();
        List<String> keyBefore = from.primaryKey().stream().map(Column::name).toList();
        List<String> keyAfter = to.primaryKey().stream().map(Column::name).toList();
        if (!keyBefore.equals(keyAfter)) {
            out.add(new ModelChange(dataset, "primary key changed from " + key(keyBefore) + " to " + key(keyAfter)
                    + ": consumers and merge tables identify rows by it; keep " + key(keyBefore) + ", or publish a new dataset"));
        }
        for (Column old : from.columns()) {
            ObjectPath path = dataset.child("column", old.name());
            Optional<Column> now = to.column(old.name());
            if (now.isEmpty()) {
                out.add(new ModelChange(path, "column removed: consumers read it; keep it (make it nullable if it is no longer filled), "
                        + "or publish a new dataset"));
                continue;
            }
            if (!TypePromotion.isPromotionAllowed(old.type(), now.get().type())) {
                out.add(new ModelChange(path, TypePromotion.explain(old.type(), now.get().type())));
            }
            if (old.nullable() && !now.get().nullable()) {
                out.add(new ModelChange(path, "nullable column made required: existing rows may hold nulls; keep it nullable"));
            }
        }
        for (Column added : to.columns()) {
            if (from.column(added.name()).isEmpty() && !added.nullable()) {
                out.add(new ModelChange(dataset.child("column", added.name()),
                        "added column is required: existing rows have no value for it; add it with nullable: true"));
            }
        }
        return out;
    }

    private static String key(List<String> names) {
        return "(" + names.stream().collect(Collectors.joining(", ")) + ")";
    }
}
