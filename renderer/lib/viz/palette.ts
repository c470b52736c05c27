// Visualisation layer, pure: the palette every chart uses. Mid-tone hues from Okabe–Ito's colour-blind-safe set
// (vermillion, bluish green, reddish purple, a lighter sky blue) alternate with very dark ones, so that every colour
// has at least 3:1 against the white background and against the series next to it (WCAG 1.4.11: stacked segments
// touch); charts add patterns and symbols as well, so no series is told apart by colour alone.
export const PALETTE = ['#D55E00', '#002E4D', '#009E73', '#4B0055', '#CC79A7', '#000000', '#3A8FD0', '#3B0F70'];
