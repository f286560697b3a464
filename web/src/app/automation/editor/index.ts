/** The automation editor's canvas sub-system (see README.md): what the editor page and its neighbours use. */
export { EditorCanvasComponent, READABLE_ZOOM, type Position } from './canvas.component';
export { InspectorPanelComponent } from './inspector-panel.component';
export { PalettePanelComponent } from './palette-panel.component';
export { ResizeHandleComponent } from './resize-handle.component';
export { ShortcutsOverlayComponent, SHORTCUTS } from './shortcuts-overlay.component';
export { describeProblems } from './editor-errors';
export { autoLayout } from './graph-layout';
export { connectionText, iconOf, nameById, nodeName, summaryOf } from './node-visuals';
export type { NodeOutcome, RunOverlay } from './run-overlay';
