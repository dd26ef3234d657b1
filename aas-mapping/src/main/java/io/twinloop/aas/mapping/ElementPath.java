package io.twinloop.aas.mapping;

/**
 * Where an element sits, as an idShort path ({@code TechnicalData/Motor/Speeds[2]}), prefixed by the
 * place of its container in the thing or the file. Used in every message about an element.
 */
record ElementPath(String prefix, String path) {

    static ElementPath root(final String prefix) {
        return new ElementPath(prefix, "");
    }

    ElementPath child(final String idShort) {
        return new ElementPath(prefix, path.isEmpty() ? idShort : path + "/" + idShort);
    }

    ElementPath index(final int index) {
        return new ElementPath(prefix, path + "[" + index + "]");
    }

    ElementPath member(final String name) {
        return new ElementPath(prefix, path + "." + name);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? prefix : prefix + "/" + path;
    }
}
