// The words platform renderers put around the views (form buttons, cut-off notes), defined once like every other
// text a person reads.

/** Labels the renderers use. */
export const LABELS = {
  cancel: "Cancel",
  close: "Close",
  openAsOneForm: "Open as one form",
  cut: "…more is not shown here; ask for one application's status to see it in full.",
} as const;
