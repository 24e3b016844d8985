import Testing
@testable import HCL

/// The structural language and every expression form, each with the line and column it was read at.
@Suite struct ParserTests {
    @Test func attributesAndBlocksWithLabelsAndRanges() throws {
        let body = try HCLTestSupport.parse("""
        # comment
        region = "eu-west-1" // trailing
        /* block
           comment */
        resource "aws_lambda_function" api {
          tracing_config {
            mode = "Active"
          }
        }
        empty {}
        one_line "x" { a = 1 }
        """)
        #expect(body.attributes.map(\.name) == ["region"])
        let region = try #require(body.attribute("region"))
        #expect(region.nameRange.start == SourcePosition(line: 2, column: 1, offset: 10))
        #expect(region.expression.range.start.line == 2 && region.expression.range.start.column == 10)
        #expect(region.expression.literalString == "eu-west-1")
        let resource = try #require(body.block("resource"))
        #expect(resource.labelValues == ["aws_lambda_function", "api"])
        #expect(resource.labels.map(\.quoted) == [true, false])
        #expect(resource.labels[1].range.start.column == 32)
        #expect(resource.range.start.line == 5 && resource.range.end.line == 9)
        let mode = try #require(resource.block("tracing_config")?.attribute("mode"))
        #expect(mode.expression.literalString == "Active")
        #expect(mode.range.start.line == 7 && mode.range.start.column == 5)
        #expect(body.block("empty")?.body.attributes.isEmpty == true)
        let oneLine = try #require(body.block("one_line"))
        #expect(oneLine.labelValues == ["x"] && oneLine.attribute("a") != nil)
    }

    @Test func columnsCountUnicodeScalarsAndCRLFEndsLines() throws {
        let body = try HCLTestSupport.parse("a = \"é😀\"\r\nb = 1\r\n")
        let b = try #require(body.attribute("b"))
        #expect(b.nameRange.start.line == 2 && b.nameRange.start.column == 1)
        let a = try #require(body.attribute("a"))
        #expect(a.expression.range.end.column == 9)
        #expect(a.expression.literalString == "é😀")
    }

    @Test func numbersBoolsNullAndOperatorsWithPrecedence() throws {
        let expression = try HCLTestSupport.expression("1 + 2 * 3 == 7 && !false || null == null")
        guard case .binary(.or, let lhs, _) = expression.kind, case .binary(.and, let equal, _) = lhs.kind,
              case .binary(.equal, let sum, _) = equal.kind, case .binary(.add, _, let product) = sum.kind,
              case .binary(.multiply, _, _) = product.kind else {
            Issue.record("wrong precedence: \(expression.kind)")
            return
        }
        let left = try HCLTestSupport.expression("8 / 2 * 4")
        guard case .binary(.multiply, let inner, _) = left.kind, case .binary(.divide, _, _) = inner.kind else {
            Issue.record("operators of one level must associate to the left")
            return
        }
        let numbers = try HCLTestSupport.expression("[1, 2.5, 1e3, 1.5E-2]")
        guard case .tuple(let elements) = numbers.kind else { Issue.record("not a tuple"); return }
        #expect(elements.map { $0.range.start.column } == [2, 5, 10, 15])
    }

    @Test func conditionalsCallsAndProviderFunctions() throws {
        let expression = try HCLTestSupport.expression("var.on ? upper(\"a\") : provider::aws::arn_parse(x).region")
        guard case .conditional(_, let then, let otherwise) = expression.kind,
              case .call("upper", let arguments, false) = then.kind, arguments.count == 1,
              case .attribute(let call, "region") = otherwise.kind, case .call("provider::aws::arn_parse", _, _) = call.kind else {
            Issue.record("\(expression.kind)")
            return
        }
        let expanded = try HCLTestSupport.expression("concat(a,\n b...)")
        guard case .call("concat", let items, true) = expanded.kind, items.count == 2 else { Issue.record("expansion"); return }
    }

    @Test func traversalsIndexesLegacyIndexAndSplats() throws {
        let reference = try HCLTestSupport.expression("aws_iam_role.task[0].arn")
        #expect(reference.traversal == ["aws_iam_role", "task", "0", "arn"])
        let legacy = try HCLTestSupport.expression("a.0.b")
        #expect(legacy.traversal == ["a", "0", "b"])
        let attributeSplat = try HCLTestSupport.expression("a.*.b.c[0]")
        guard case .index(let splat, _) = attributeSplat.kind, case .splat(_, let each, false) = splat.kind,
              case .attribute(let inner, "c") = each.kind, case .attribute(_, "b") = inner.kind else {
            Issue.record("an index after an attribute splat applies to the result: \(attributeSplat.kind)")
            return
        }
        let fullSplat = try HCLTestSupport.expression("a[*].b[0]")
        guard case .splat(_, let fullEach, true) = fullSplat.kind, case .index = fullEach.kind else {
            Issue.record("an index after a full splat applies to each element")
            return
        }
        let nested = try HCLTestSupport.expression("a[*][*]")
        guard case .splat(let source, _, true) = nested.kind, case .splat = source.kind else { Issue.record("nested splat"); return }
    }

    @Test func tuplesObjectsAndKeyForms() throws {
        let object = try HCLTestSupport.expression("""
        {
          name = "a", "quoted" : 1
          (local.key) = 2
          nested = { x = [1,
            2] }
        }
        """)
        guard case .object(let items) = object.kind else { Issue.record("not an object"); return }
        #expect(items.count == 4)
        guard case .name("name") = items[0].key, case .expression(let quoted) = items[1].key, quoted.literalString == "quoted",
              case .expression(let parenthesized) = items[2].key, case .parenthesized = parenthesized.kind else {
            Issue.record("keys: \(items.map(\.key))")
            return
        }
        #expect(items[2].keyRange.start.line == 3)
        #expect(items[3].value.range.start.line == 4 && items[3].value.range.start.column == 12)
    }

    @Test func forExpressionsWithConditionsAndGrouping() throws {
        let tuple = try HCLTestSupport.expression("[for i, v in list : upper(v) if i > 0]")
        guard case .forExpression(let clause) = tuple.kind else { Issue.record("not a for"); return }
        #expect(clause.keyVariable == "i" && clause.valueVariable == "v" && clause.condition != nil && !clause.producesObject)
        let object = try HCLTestSupport.expression("{\n  for k, v in map : v => k...\n}")
        guard case .forExpression(let grouping) = object.kind else { Issue.record("not a for"); return }
        #expect(grouping.producesObject && grouping.grouped && grouping.keyVariable == "k")
        let keyNamedFor = try HCLTestSupport.expression("{a = 1, for = 2}")
        guard case .object(let items) = keyNamedFor.kind else { Issue.record("not an object"); return }
        #expect(items.count == 2)
    }

    @Test func quotedTemplatesEscapesAndStripMarkers() throws {
        let escapes = try HCLTestSupport.expression(#""a\n\t\"\\\u00e9\U0001F600 $${x} %%{y} $ %""#)
        #expect(escapes.literalString == "a\n\t\"\\é😀 ${x} %{y} $ %")
        let template = try HCLTestSupport.expression(#""hello ${~ "world" ~} !""#)
        guard case .template(let parts) = template.kind else { Issue.record("not a template"); return }
        guard parts.count == 3, case .literal("hello", _) = parts[0], case .literal("!", _) = parts[2] else {
            Issue.record("strip markers: \(parts)")
            return
        }
        let directives = try HCLTestSupport.expression(#""%{ if a ~} yes %{~ else } no %{ endif }%{ for k, v in m }${k}%{ endfor }""#)
        guard case .template(let items) = directives.kind, items.count == 2,
              case .ifDirective(_, let then, let otherwise, _) = items[0], case .literal("yes", _)? = then.first,
              case .literal(" no ", _)? = otherwise.first, case .forDirective("k", "v", _, let body, _) = items[1], body.count == 1 else {
            Issue.record("directives: \(directives.kind)")
            return
        }
    }

    @Test func heredocsKeepOrStripIndentation() throws {
        let body = try HCLTestSupport.parse("""
        plain = <<EOT
          two
        ${x} end
        EOT
        indented = <<-EOT
            four
              six

            ${y}
          EOT
        after = 1
        """)
        guard case .template(let plain) = try #require(body.attribute("plain")).expression.kind,
              case .literal("  two\n", _) = plain[0] else {
            Issue.record("plain heredoc")
            return
        }
        let indented = try #require(body.attribute("indented"))
        guard case .template(let parts) = indented.expression.kind, case .literal(let text, let range) = parts[0] else {
            Issue.record("indented heredoc")
            return
        }
        #expect(text == "four\n  six\n\n")
        #expect(range.start.line == 6 && range.start.column == 5)
        #expect(body.attribute("after")?.nameRange.start.line == 11)
    }

    @Test func everyNodeHasARangeInsideItsParent() throws {
        for (name, text) in HCLTestSupport.caseFiles {
            guard case .success(let file) = HCLFile.parse(text: text, path: name) else {
                Issue.record("\(name) does not parse")
                continue
            }
            func check(_ expression: HCLExpression, in parent: SourceRange) {
                #expect(expression.range.start >= parent.start && expression.range.end <= parent.end, "\(name): \(expression.range)")
                #expect(expression.range.start.line >= 1 && expression.range.start.column >= 1)
                for child in expression.kind.children { check(child, in: expression.range) }
            }
            func walk(_ body: HCLBody) {
                for attribute in body.attributes { check(attribute.expression, in: attribute.range) }
                for block in body.blocks {
                    #expect(block.body.range.start >= block.range.start && block.body.range.end <= block.range.end)
                    walk(block.body)
                }
            }
            walk(file.body)
        }
    }
}
