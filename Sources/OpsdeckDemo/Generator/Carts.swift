import OpsdeckModel

extension DemoStoreBuilder {
    /// ~40 abandoned carts (mostly from customers who rarely buy, some guests), some open ones still being
    /// filled, some recovered into recent orders and a few expired.
    mutating func makeCarts() {
        let picker = ItemPicker(catalog.filter { !discontinued.contains($0.sku) })
        let abandoners = customers.indices.filter { customers[$0].persona == .cartAbandoner }
        var n = 5000
        func nextID() -> String { n += 1; return "K-\(n)" }

        for i in 0..<40 {
            let who: DemoCustomer? = i % 5 == 4 ? nil
                : customers[i % 5 == 3 ? rng.int(0...customers.count - 1) : rng.pick(abandoners)]
            let idle = rng.int64(65 * 60...6 * 86400)
            var cart = makeCart(id: nextID(), customer: who, updatedAt: now - idle, picker: picker, status: .abandoned)
            // Carts idle long enough may have had reminders already (20 h apart, at most 2 so far).
            let possible = Int(min(2, (idle - 3600) / (20 * 3600)))
            if cart.acceptsMarketing == true && cart.email != nil && possible > 0 {
                cart.remindersSent = rng.int(0...possible)
                if cart.remindersSent > 0 {
                    cart.lastReminderAt = local(now - idle + 3600 + Int64(cart.remindersSent - 1) * 20 * 3600 + rng.int64(0...3600))
                }
            }
            carts.append(cart)
        }
        for _ in 0..<12 {
            let who = rng.chance(0.7) ? customers[rng.int(0...customers.count - 1)] : nil
            carts.append(makeCart(id: nextID(), customer: who, updatedAt: now - rng.int64(60...50 * 60), picker: picker, status: .open))
        }
        // Recovered carts became recent orders: same customer, same lines.
        let recent = orders.filter { $0.status != .cancelled }.suffix(60)
        for o in recent.enumerated().filter({ $0.offset % 6 == 0 }).map(\.element) {
            let c = customers.first { $0.customer.id == o.customerID }!.customer
            let lines = o.lines.map { CartLine(sku: $0.sku, name: $0.name, qty: $0.qty, unitPriceMinor: $0.unitPriceMinor) }
            let updated = o.placedAt.epochSeconds - rng.int64(60...3600)
            carts.append(Cart(id: nextID(), updatedAt: local(updated), valueMinor: cartValue(lines), currency: settings.currency,
                              lines: lines, customerID: c.id, email: c.email, acceptsMarketing: c.acceptsMarketing,
                              createdAt: local(updated - rng.int64(300...7200)), status: .recovered,
                              remindersSent: rng.chance(0.4) ? 1 : 0, recoveredOrderID: o.id))
        }
        for _ in 0..<5 {
            let who = customers[rng.pick(abandoners)]
            carts.append(makeCart(id: nextID(), customer: who, updatedAt: now - rng.int64(8 * 86400...14 * 86400),
                                  picker: picker, status: .expired))
        }
    }

    mutating func makeCart(id: String, customer: DemoCustomer?, updatedAt: Int64, picker: ItemPicker, status: CartStatus) -> Cart {
        var lines: [CartLine] = []
        for _ in 0..<(rng.weighted([40, 30, 20, 10]) + 1) {
            let item = picker.pick(&rng)
            guard !lines.contains(where: { $0.sku == item.sku }) else { continue }
            lines.append(CartLine(sku: item.sku, name: item.name, qty: rng.weighted([85, 15]) + 1, unitPriceMinor: item.priceMinor))
        }
        let c = customer?.customer
        // Guests: the exporter masks the address it captured at checkout, if any.
        let email = c?.email ?? (rng.chance(0.5) ? "\(rng.pick(["g", "m", "s", "t"]))***@example.com" : nil)
        return Cart(id: id, updatedAt: local(updatedAt), valueMinor: cartValue(lines), currency: settings.currency, lines: lines,
                    customerID: c?.id, email: email, acceptsMarketing: c?.acceptsMarketing ?? (email != nil && rng.chance(0.5)),
                    createdAt: local(updatedAt - rng.int64(120...3000)), status: status)
    }

    func cartValue(_ lines: [CartLine]) -> Int64 { lines.reduce(0) { $0 + ($1.unitPriceMinor ?? 0) * Int64($1.qty) } }
}
