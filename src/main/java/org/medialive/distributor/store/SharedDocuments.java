package org.medialive.distributor.store;

/** Where a cluster keeps its shared documents; absent in single-node mode, where the data files alone hold them. */
public interface SharedDocuments {

    /** The document called {@code name} (e.g. "users"); the same object for the same name. */
    SharedDocument document(String name);
}
