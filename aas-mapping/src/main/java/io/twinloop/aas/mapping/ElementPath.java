package io.twinloop.aas.mapping;

/**
 * Where an element sits, as an idShort path ({@code TechnicalData/Motor/Speeds[2]}), prefixed by the place of its
 * container in the thing or the file. Used in every message about an element; kept as a chain of segments and
 * rendered only when a message needs it, since the mapping passes through every element of every submodel.
 */
final class ElementPath {

    private final ElementPath parent;
    private final String segment;
    private final String separator;

    private ElementPath(final ElementPath parent, final String separator, final String segment) {
        this.parent = parent;
        this.separator = separator;
        this.segment = segment;
    }

    static ElementPath root(final String prefix) {
        return new ElementPath(null, "", prefix);
    }

    ElementPath child(final String idShort) {
        return new ElementPath(this, "/", idShort);
    }

    ElementPath index(final int index) {
        return new ElementPath(this, "[", Integer.toString(index));
    }

    ElementPath member(final String name) {
        return new ElementPath(this, ".", name);
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder();
        render(text);
        return text.toString();
    }

    private void render(final StringBuilder text) {
        if (parent != null) {
            parent.render(text);
        }
        text.append(separator).append(segment);
        if ("[".equals(separator)) {
            text.append(']');
        }
    }
}
