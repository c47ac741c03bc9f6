package io.datasurface.render;

import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.ValueResolver;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Qute templates under {@code templates/render/}, parsed once. Values are placed into the
 * generated languages only through the {@code .str} (Python, JSON, YAML) and {@code .hcl}
 * (Terraform) literal resolvers, never raw, so a model name cannot change the syntax around it.
 */
public final class Templates {
    private static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .addLocator(Templates::locate)
            .addValueResolver(new ReflectionValueResolver())
            .addValueResolver(ValueResolver.builder().applyToBaseClass(String.class).applyToName("str")
                    .resolveSync(ctx -> Literals.quoted((String) ctx.getBase())).build())
            .addValueResolver(ValueResolver.builder().applyToBaseClass(String.class).applyToName("hcl")
                    .resolveSync(ctx -> Literals.hcl((String) ctx.getBase())).build())
            .build();

    private static final int INITIAL_CAPACITY = 8192;

    private Templates() {
    }

    /** The template {@code templates/render/<id>} from the class path; the engine caches it. */
    public static Template get(String id) {
        Template template = ENGINE.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("template templates/render/" + id + " is missing from the class path");
        }
        return template;
    }

    /**
     * Renders one file of a template. Qute starts a render's buffer at the larger of its estimate for the template and
     * the template's largest output so far, up to 64 KB: it estimates the DAG template at the full 64 KB, and one large
     * file (a connector that reads many topics) raises a small template's start to 64 KB for every later file. A render
     * of ten thousand streams then allocated 64 KB per file of a few kilobytes. Every file starts at
     * {@value #INITIAL_CAPACITY} characters instead and grows as it needs.
     */
    public static String render(Template template, String name, Object value) {
        return template.instance().setAttribute("capacity", INITIAL_CAPACITY).data(name, value).render();
    }

    /** Finds {@code templates/render/<id>}, for {@link #get} and for {@code include} sections. */
    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        String resource = "templates/render/" + id;
        if (Templates.class.getClassLoader().getResource(resource) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource);
                if (in == null) {
                    throw new UncheckedIOException(new IOException("cannot read template " + resource));
                }
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.empty();
            }
        });
    }
}
