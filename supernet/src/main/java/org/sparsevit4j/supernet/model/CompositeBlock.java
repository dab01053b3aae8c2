package org.sparsevit4j.supernet.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/**
 * A block made of child blocks whose parameter shapes are fixed at construction, so that
 * initializing it is initializing each child, whatever the input shape (the Swin blocks run on
 * any number of windows and any image size).
 */
abstract class CompositeBlock extends AbstractBlock {

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}
