/// What a cell means, not how it looks: themes map roles to colours and attributes, so the UI core never
/// knows about terminals and golden files stay readable.
public enum StyleRole: String, Sendable, CaseIterable, Hashable {
    case normal, border, focusedBorder, title, header, row, selectedRow, inactiveSelection, dim
    case ok, warn, critical, badge, changed, keyHint, message, errorMessage
    case dialog, dialogBorder, dialogButton, dialogButtonFocused, input, kpiLabel, kpiValue
}
