// The heat overlay of attention maps is shared code (the figure export draws it too); re-exported here.
export * from '@shared/charts/heatOverlay';
