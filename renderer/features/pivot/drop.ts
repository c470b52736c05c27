// Pivot feature: the drop side of dragging a field onto a zone (fields are dragged as their name in text/plain).
export function fieldDrop(onField: (field: string) => void): { ondragover: (e: DragEvent) => void; ondrop: (e: DragEvent) => void } {
  return {
    ondragover: (e) => e.preventDefault(),
    ondrop: (e) => {
      e.preventDefault();
      const field = e.dataTransfer?.getData('text/plain');
      if (field) onField(field);
    },
  };
}
