package io.twinloop.aas.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.eclipse.digitaltwin.aas4j.v3.model.AnnotatedRelationshipElement;
import org.eclipse.digitaltwin.aas4j.v3.model.AssetAdministrationShell;
import org.eclipse.digitaltwin.aas4j.v3.model.Entity;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.eclipse.digitaltwin.aas4j.v3.model.File;
import org.eclipse.digitaltwin.aas4j.v3.model.Operation;
import org.eclipse.digitaltwin.aas4j.v3.model.OperationVariable;
import org.eclipse.digitaltwin.aas4j.v3.model.Submodel;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElement;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElementCollection;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElementList;

/**
 * Where an environment points into its package: the values of File elements and the shells' default
 * thumbnails. External references (URLs with a scheme) are not package paths and are left out.
 */
public final class FileReferences {

    private FileReferences() {
    }

    /** Package paths referenced by the environment, each with a description of who references it. */
    public static List<Reference> of(final Environment environment) {
        final List<Reference> references = new ArrayList<>();
        for (final AssetAdministrationShell shell : environment.getAssetAdministrationShells()) {
            if (shell.getAssetInformation() != null && shell.getAssetInformation().getDefaultThumbnail() != null) {
                addIfPackagePath(references, shell.getAssetInformation().getDefaultThumbnail().getPath(),
                        shell.getId(), "default thumbnail of shell " + shell.getId());
            }
        }
        for (final Submodel submodel : environment.getSubmodels()) {
            final String prefix = "submodel " + submodel.getId() + " ";
            walk(submodel.getSubmodelElements(), "", (file, path) ->
                    addIfPackagePath(references, file.getValue(), submodel.getId(), "File element " + prefix + path));
        }
        return references;
    }

    /**
     * A package path ({@code /aasx/files/manual.pdf}) and who references it.
     *
     * @param ownerId the id of the shell (thumbnail) or submodel (File element) that holds the reference
     */
    public record Reference(String path, String ownerId, String referencedBy) {
    }

    static boolean isPackagePath(final String value) {
        return value != null && !value.isBlank() && !value.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    }

    private static void addIfPackagePath(final List<Reference> references, final String value, final String ownerId,
            final String who) {
        if (isPackagePath(value)) {
            references.add(new Reference(value.startsWith("/") ? value : "/" + value, ownerId, who));
        }
    }

    private static void walk(final List<? extends SubmodelElement> elements, final String parentPath,
            final BiConsumer<File, String> onFile) {
        int index = 0;
        for (final SubmodelElement element : elements) {
            final String path = element.getIdShort() != null
                    ? (parentPath.isEmpty() ? element.getIdShort() : parentPath + "/" + element.getIdShort())
                    : parentPath + "[" + index + "]";
            index++;
            if (element instanceof File file) {
                onFile.accept(file, path);
            } else if (element instanceof SubmodelElementCollection collection) {
                walk(collection.getValue(), path, onFile);
            } else if (element instanceof SubmodelElementList list) {
                walk(list.getValue(), path, onFile);
            } else if (element instanceof Entity entity) {
                walk(entity.getStatements(), path, onFile);
            } else if (element instanceof AnnotatedRelationshipElement relationship) {
                walk(relationship.getAnnotations(), path, onFile);
            } else if (element instanceof Operation operation) {
                walkVariables(operation.getInputVariables(), path, onFile);
                walkVariables(operation.getOutputVariables(), path, onFile);
                walkVariables(operation.getInoutputVariables(), path, onFile);
            }
        }
    }

    private static void walkVariables(final List<OperationVariable> variables, final String path,
            final BiConsumer<File, String> onFile) {
        for (final OperationVariable variable : variables) {
            if (variable.getValue() != null) {
                walk(List.of(variable.getValue()), path, onFile);
            }
        }
    }
}
